(window.digestSearch=window.digestSearch||[]).push(["t","de",{"deal":[10],"declaration":[12],"declared":[3],"delegations":[0]}]);
