(window.digestSearch=window.digestSearch||[]).push(["t","sh",{"shanghai":[4],"ship":[10]}]);
