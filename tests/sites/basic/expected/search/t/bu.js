(window.digestSearch=window.digestSearch||[]).push(["t","bu",{"buyers":[14]}]);
