(window.digestSearch=window.digestSearch||[]).push(["t","sp",{"split":[15]}]);
