(window.digestSearch=window.digestSearch||[]).push(["t","wo",{"would":[12,2]}]);
