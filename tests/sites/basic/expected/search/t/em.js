(window.digestSearch=window.digestSearch||[]).push(["t","em",{"emmanuel":[12]}]);
