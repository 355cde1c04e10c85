(window.digestSearch=window.digestSearch||[]).push(["t","or",{"organisation":[4]}]);
