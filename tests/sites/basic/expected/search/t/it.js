(window.digestSearch=window.digestSearch||[]).push(["t","it",{"it":[10,4]}]);
