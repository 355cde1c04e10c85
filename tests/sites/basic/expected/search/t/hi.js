(window.digestSearch=window.digestSearch||[]).push(["t","hi",{"his":[6]}]);
