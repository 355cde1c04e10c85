(window.digestSearch=window.digestSearch||[]).push(["t","la",{"large":[12]}]);
