(window.digestSearch=window.digestSearch||[]).push(["t","se",{"sea":[11],"security":[4],"seventh":[2]}]);
