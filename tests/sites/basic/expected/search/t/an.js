(window.digestSearch=window.digestSearch||[]).push(["t","an",{"an":[8],"and":[0,7,4,2,3]}]);
