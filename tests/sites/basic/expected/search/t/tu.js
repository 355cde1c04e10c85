(window.digestSearch=window.digestSearch||[]).push(["t","tu",{"turkey":[1,10]}]);
