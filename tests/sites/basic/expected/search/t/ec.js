(window.digestSearch=window.digestSearch||[]).push(["t","ec",{"economy":[8]}]);
