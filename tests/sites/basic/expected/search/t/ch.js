(window.digestSearch=window.digestSearch||[]).push(["t","ch",{"china":[6,9],"chose":[6]}]);
