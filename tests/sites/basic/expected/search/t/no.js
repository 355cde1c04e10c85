(window.digestSearch=window.digestSearch||[]).push(["t","no",{"no":[9],"not":[14]}]);
