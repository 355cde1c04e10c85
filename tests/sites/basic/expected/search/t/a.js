(window.digestSearch=window.digestSearch||[]).push(["t","a",{"a":[2,6,4]}]);
