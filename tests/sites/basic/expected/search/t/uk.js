(window.digestSearch=window.digestSearch||[]).push(["t","uk",{"ukraine":[1,10],"ukrainian":[0]}]);
