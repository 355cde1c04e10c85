(window.digestSearch=window.digestSearch||[]).push(["t","vl",{"vladimir":[4,2,4]}]);
