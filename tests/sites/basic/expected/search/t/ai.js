(window.digestSearch=window.digestSearch||[]).push(["t","ai",{"ai":[13]}]);
