(window.digestSearch=window.digestSearch||[]).push(["t","ma",{"macron":[13]}]);
