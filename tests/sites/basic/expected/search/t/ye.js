(window.digestSearch=window.digestSearch||[]).push(["t","ye",{"years":[14],"yet":[14]}]);
