(window.digestSearch=window.digestSearch||[]).push(["t","ga",{"gas":[15]}]);
