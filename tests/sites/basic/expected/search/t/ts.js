(window.digestSearch=window.digestSearch||[]).push(["t","ts",{"tsipras":[8]}]);
