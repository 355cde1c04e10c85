(window.digestSearch=window.digestSearch||[]).push(["t","te",{"technology":[12],"tenth":[4],"term":[2,4],"terms":[8]}]);
