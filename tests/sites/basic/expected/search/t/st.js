(window.digestSearch=window.digestSearch||[]).push(["t","st",{"still":[15]}]);
