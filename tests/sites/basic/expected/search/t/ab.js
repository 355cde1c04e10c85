(window.digestSearch=window.digestSearch||[]).push(["t","ab",{"about":[6]}]);
