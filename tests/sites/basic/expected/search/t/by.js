(window.digestSearch=window.digestSearch||[]).push(["t","by",{"by":[8]}]);
