(window.digestSearch=window.digestSearch||[]).push(["t","wh",{"where":[12],"which":[14]}]);
