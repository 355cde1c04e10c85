(window.digestSearch=window.digestSearch||[]).push(["t","gr",{"grain":[11],"greek":[8]}]);
