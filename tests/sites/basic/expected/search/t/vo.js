(window.digestSearch=window.digestSearch||[]).push(["t","vo",{"voters":[8]}]);
