(window.digestSearch=window.digestSearch||[]).push(["t","ha",{"has":[14],"have":[14]}]);
