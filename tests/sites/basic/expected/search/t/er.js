(window.digestSearch=window.digestSearch||[]).push(["t","er",{"erdogan":[0,10]}]);
