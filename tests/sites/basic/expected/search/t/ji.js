(window.digestSearch=window.digestSearch||[]).push(["t","ji",{"jinping":[4,2]}]);
