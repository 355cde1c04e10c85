(window.digestSearch=window.digestSearch||[]).push(["t","pr",{"presidential":[2],"price":[15]}]);
