(window.digestSearch=window.digestSearch||[]).push(["t","sc",{"sco":[5]}]);
