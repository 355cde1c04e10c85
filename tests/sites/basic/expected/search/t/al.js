(window.digestSearch=window.digestSearch||[]).push(["t","al",{"alexander":[2,2],"alexis":[8]}]);
