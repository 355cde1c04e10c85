(window.digestSearch=window.digestSearch||[]).push(["t","tr",{"trade":[6,4]}]);
