(window.digestSearch=window.digestSearch||[]).push(["t","fr",{"france":[12]}]);
