(window.digestSearch=window.digestSearch||[]).push(["t","af",{"after":[6]}]);
