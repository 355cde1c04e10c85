(window.digestSearch=window.digestSearch||[]).push(["t","sa",{"said":[12],"sample":[0,6]}]);
