(window.digestSearch=window.digestSearch||[]).push(["t","at",{"at":[4]}]);
