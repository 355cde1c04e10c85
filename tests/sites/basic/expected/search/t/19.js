(window.digestSearch=window.digestSearch||[]).push(["t","19",{"1994":[2]}]);
