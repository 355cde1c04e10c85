(window.digestSearch=window.digestSearch||[]).push(["t","ar",{"artificial":[12]}]);
