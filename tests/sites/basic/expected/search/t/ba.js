(window.digestSearch=window.digestSearch||[]).push(["t","ba",{"background":[11],"bailout":[8]}]);
