(window.digestSearch=window.digestSearch||[]).push(["t","co",{"companies":[12],"computing":[12],"cooperation":[4]}]);
