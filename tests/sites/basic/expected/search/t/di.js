(window.digestSearch=window.digestSearch||[]).push(["t","di",{"diplomacy":[0,4,2,6],"direct":[0],"discussed":[12,2]}]);
