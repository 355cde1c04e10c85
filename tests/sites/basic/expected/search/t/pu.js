(window.digestSearch=window.digestSearch||[]).push(["t","pu",{"putin":[4,3,4]}]);
