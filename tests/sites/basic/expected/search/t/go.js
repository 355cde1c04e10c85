(window.digestSearch=window.digestSearch||[]).push(["t","go",{"governments":[12]}]);
