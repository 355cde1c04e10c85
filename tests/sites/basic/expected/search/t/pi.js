(window.digestSearch=window.digestSearch||[]).push(["t","pi",{"pipeline":[15]}]);
