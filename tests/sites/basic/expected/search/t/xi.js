(window.digestSearch=window.digestSearch||[]).push(["t","xi",{"xi":[4,3]}]);
