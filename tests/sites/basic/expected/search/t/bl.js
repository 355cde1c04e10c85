(window.digestSearch=window.digestSearch||[]).push(["t","bl",{"black":[11]}]);
