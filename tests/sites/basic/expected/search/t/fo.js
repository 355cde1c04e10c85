(window.digestSearch=window.digestSearch||[]).push(["t","fo",{"for":[0,6,8],"foreign":[6]}]);
