(window.digestSearch=window.digestSearch||[]).push(["t","tw",{"two":[6]}]);
