(window.digestSearch=window.digestSearch||[]).push(["t","po",{"power":[2,12]}]);
