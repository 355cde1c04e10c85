(window.digestSearch=window.digestSearch||[]).push(["t","un",{"united":[10]}]);
